// The complete route table: importing this registers every verb handler exactly once.
import '../kernel/routes.ts';
import '../features/declarations/routes.ts';
import '../features/check-ins/routes.ts';
import '../features/process-review/routes.ts';
import '../features/care/routes.ts';
import '../features/journeys/routes.ts';
import '../features/suitability/routes.ts';

export { registeredVerbs, routeFor } from '../kernel/routes.ts';
