/**
 * Lets fsrs-browser load in Node for the bench: its thread helper listens on `self` for a start
 * message that never comes here (Node runs the optimiser on one thread). Import before fsrs-browser.
 */
const g = globalThis as unknown as { self?: unknown; addEventListener?: unknown };
g.self ??= globalThis;
g.addEventListener ??= () => {};
