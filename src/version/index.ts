export { makeStamp, stampText, gitFacts, type Stamp } from './stamp.js';
