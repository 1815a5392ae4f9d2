// The strict-and-fair check (see _variants.ts) for chapter 02.
import { defineVariantTests } from './_variants.js';

defineVariantTests('02_');
