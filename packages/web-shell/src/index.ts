export { RootFrame, viewport } from './root-frame';
