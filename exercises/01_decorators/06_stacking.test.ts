import { test } from 'vitest';

test.todo('PLACEHOLDER');
