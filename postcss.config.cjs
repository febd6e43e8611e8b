// PostCSS for the renderer: Mantine's preset gives CSS modules its mixins
// (light/dark, rem, hover) and converts px to rem the way Mantine's own styles do.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
