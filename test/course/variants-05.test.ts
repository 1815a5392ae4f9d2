// The strict-and-fair check (see _variants.ts) for chapter 05.
import { defineVariantTests } from './_variants.js';

defineVariantTests('05_');
