export { formatExamDate, plural } from './format';
export { RootFrame, viewport } from './root-frame';
