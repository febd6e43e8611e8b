/**
 * The look: Mantine's defaults with a calm teal accent (friendly for a school,
 * readable on both light and dark backgrounds) and the system font stack, since
 * the app is offline and loads no web fonts.
 */
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Modal: { defaultProps: { centered: true }, styles: { title: { fontWeight: 600 } } },
  },
});
