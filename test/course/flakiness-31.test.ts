// Exercise 31, run 20 times on its solution and on a wrong variant (see _flakiness.ts).
import { defineFlakinessTests } from './_flakiness.js';

defineFlakinessTests('31');
