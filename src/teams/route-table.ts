// The route table, built from the features' own lists: each card verb maps to exactly one handler.
import type { Feature } from '../kernel/feature.ts';
import type { Route } from '../kernel/routes.ts';
import type { Verb } from '../kernel/verbs.ts';

export interface RouteTable<D> {
  routeFor(verb: string): Route<D> | undefined;
  verbs(): Verb[];
}

export function buildRouteTable<D>(features: readonly Feature<D>[]): RouteTable<D> {
  const routes = new Map<string, Route<D>>();
  for (const feature of features) {
    for (const route of feature.routes) {
      if (routes.has(route.verb)) throw new Error(`verb ${route.verb} has two handlers (the second in ${feature.name})`);
      routes.set(route.verb, route);
    }
  }
  return { routeFor: (verb) => routes.get(verb), verbs: () => [...routes.keys()] as Verb[] };
}
