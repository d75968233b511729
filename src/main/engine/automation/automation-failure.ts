import type { AutomationProblem } from '../../../shared/automation/automation-errors';
import { englishOf } from '../../../shared/messages/plain-formats';
import { EndpointError } from '../system-errors';

/**
 * A request automation cannot carry out, as the error the router returns.
 * Results still carry a sentence (a later change gives them codes), so this
 * is the one place automation's messages become English on the way out.
 */
export function automationFailure(
  problem: AutomationProblem,
  code: EndpointError['code'] = 'wrong-state',
): EndpointError {
  return new EndpointError(englishOf(problem), code);
}
