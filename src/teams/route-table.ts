// The complete route table: importing this registers every verb handler exactly once.
import './routes.ts';
import './declaration-routes.ts';
import './check-in-routes.ts';
import './review-routes.ts';
import './care-routes.ts';
import './journey-routes.ts';
import './suitability-routes.ts';

export { registeredVerbs, routeFor } from './routes.ts';
