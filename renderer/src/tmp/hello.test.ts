import { render, fireEvent } from '@testing-library/svelte';
import { expect, test } from 'vitest';
import Hello from './Hello.svelte';
test('x', async () => {
  const r = render(Hello, { props: { name: 'a' } });
  const b = r.getByRole('button');
  await fireEvent.click(b);
  expect(b.textContent).toBe('a 1 19');
});
