// The strict-and-fair check (see _variants.ts) for chapter 01.
import { defineVariantTests } from './_variants.js';

defineVariantTests('01_');
