// The strict-and-fair check (see _variants.ts) for chapter 07.
import { defineVariantTests } from './_variants.js';

defineVariantTests('07_');
