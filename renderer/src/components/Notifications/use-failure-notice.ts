import { toApiError } from '../../lib/errors.ts';
import { useSessionActions } from '../../lib/session-context.ts';
import { useNotify } from './notify-context.ts';

/**
 * For an action that answers with a notice rather than an inline alert: reports the failure to the
 * session (a lock goes back to the unlock screen) and shows why in a red notice titled with what did
 * not happen, e.g. "Model not changed".
 */
export function useFailureNotice(): (title: string, error: unknown) => void {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  return (title, error) => {
    reportError(error);
    notify({ title, message: toApiError(error).message, color: 'red' });
  };
}
