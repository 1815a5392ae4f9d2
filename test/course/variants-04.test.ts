// The strict-and-fair check (see _variants.ts) for chapter 04.
import { defineVariantTests } from './_variants.js';

defineVariantTests('04_');
