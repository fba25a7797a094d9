import { InvalidKwargsError } from '../src/errors.js';
// Errors named as GE's Python exceptions, so that exception messages ("ValueError: ...") read
// as GE's do. They are kwargs errors: the expectation fails with exception_info.

export class ValueError extends InvalidKwargsError {
  override name = 'ValueError';
}

export class KeyError extends InvalidKwargsError {
  override name = 'KeyError';
}
