export { formatExamDate, plural } from './format';
export { formatCountdown, formatReleaseTime, fromSchoolDateTimeInput, schoolTimeZone, toSchoolDateTimeInput } from './school-time';
export { RootFrame, viewport } from './root-frame';
export { thisSecond, useSecondTicks } from './use-second-ticks';
