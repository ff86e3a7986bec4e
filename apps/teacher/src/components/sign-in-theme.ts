import type { Theme } from '@aws-amplify/ui-react';

// The blues of globals.css (--accent #1d4ed8, --accent-dark #1e3a8a) as Amplify UI's primary
// scale: buttons use 80, their hover 90 and press 100, links and tabs 80, hovers 10 to 60.
const blue = {
  10: '#eff6ff',
  20: '#dbeafe',
  40: '#93c5fd',
  60: '#3b82f6',
  80: '#1d4ed8',
  90: '#1e40af',
  100: '#1e3a8a',
};

/** Amplify UI in the app's own look: its blue, its font, its corners and its focus ring. */
export const signInTheme: Theme = {
  name: 'exam-results',
  tokens: {
    colors: {
      // Amplify's primary scale names teal directly, not through the brand scale: both are set.
      primary: blue,
      brand: { primary: blue },
      font: { primary: '#1b1f24', secondary: '#4b5563' },
      border: { focus: '#1d4ed8' },
    },
    fonts: {
      default: {
        variable: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
        static: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
      },
    },
    radii: { small: '6px', medium: '6px' },
  },
};
