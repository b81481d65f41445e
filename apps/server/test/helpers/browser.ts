export { axeViolations, launchChromium } from '../../../../scripts/browser-testing.js';
