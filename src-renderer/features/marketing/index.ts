/**
 * Sources, campaigns and the school's lists, as other features use them: the
 * Lists tab of Settings, the campaigns panel of Reports, the source-channel and
 * reason-lost pick-lists of the client and enrollment editors, and the one way a
 * list value reads in the reader's language.
 */
export { ListsTab } from './ListsTab';
export { CampaignsPanel } from './CampaignsPanel';
export { LostReasonSelect, SourceChannelSelect } from './SourceChannelSelect';
export { useListWord, type ListKind } from './words';
