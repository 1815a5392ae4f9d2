// The strict-and-fair check (see _variants.ts) for chapter 06.
import { defineVariantTests } from './_variants.js';

defineVariantTests('06_');
