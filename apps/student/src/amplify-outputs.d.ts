/// <reference types="@exam-results/web-shell/amplify-outputs" />
