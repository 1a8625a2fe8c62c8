// The complete route table: importing this registers every verb handler exactly once.
import './routes.ts';
import './declaration-routes.ts';
import './journey-routes.ts';

export { registeredVerbs, routeFor } from './routes.ts';
