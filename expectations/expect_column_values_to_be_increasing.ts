import { monotonic } from './_monotonic.js';

export default monotonic('increasing');
