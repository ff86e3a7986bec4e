export type { LiveView, LiveViewOptions, OpenLiveList } from './live-list-view';
export type { Row } from './row-changes';
export { useLiveList } from './use-live-list';
