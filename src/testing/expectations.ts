/** Assertions about Python behaviour that produce messages a learner can act on. */
import { PythonError } from './errors.js';

/**
 * Expect `action` to raise the Python exception `type` (by class name; subclasses
 * are accepted when listed in `alsoAccept`). Returns the error for further checks.
 * `why` finishes the sentence "<type> should have been raised because …".
 */
export async function expectRaises(
  action: Promise<unknown>,
  type: string,
  why: string,
  alsoAccept: readonly string[] = [],
): Promise<PythonError> {
  let outcome: unknown;
  try {
    outcome = await action;
  } catch (error) {
    if (error instanceof PythonError) {
      if (error.pyType === type || alsoAccept.includes(error.pyType)) return error;
      // Re-throw the same error so the runner can still show the Python traceback.
      error.message = `${type} should have been raised because ${why}, but ${error.pyType} was: ${error.pyMessage}`;
      throw error;
    }
    throw error;
  }
  const value = (outcome as { value?: unknown } | undefined)?.value;
  throw new Error(
    `${type} should have been raised because ${why}, but nothing was raised` +
      (value === undefined || value === null ? '' : ` (it returned ${JSON.stringify(value)})`),
  );
}
