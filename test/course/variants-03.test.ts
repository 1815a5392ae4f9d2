// The strict-and-fair check (see _variants.ts) for chapter 03.
import { defineVariantTests } from './_variants.js';

defineVariantTests('03_');
