import type { AutomationProblem } from '../../../shared/automation/automation-errors';
import { EndpointError } from '../system-errors';

/** A request automation cannot carry out, as the error the router returns: its message, a code. */
export function automationFailure(
  problem: AutomationProblem,
  code: EndpointError['code'] = 'wrong-state',
): EndpointError {
  return new EndpointError(problem, code);
}
