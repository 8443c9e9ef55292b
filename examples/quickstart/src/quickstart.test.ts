import { describe, expect, it } from 'vitest';
import { runQuickstart } from './quickstart.js';

describe('the README example', () => {
  it('ends with Rp42,000,000 disbursed to the heirs, once, after Rp252,000 of contributions', async () => {
    const outcome = await runQuickstart(() => '2025-03-20T00:00:00.000Z');
    expect(outcome.disbursed).toBe(42_000_000);
    expect(outcome.contributed).toBe(15 * 16_800);
    expect(outcome.steps.at(-1)).toEqual({ what: 'the same transfer, sent again by mistake, is recognised', events: [] });
  });

  it('keeps personal data out of stream names, event ids and metadata', async () => {
    const { store } = await runQuickstart(() => '2025-03-20T00:00:00.000Z');
    const personal = ['3672011507850003', 'Ahmad Fauzi', 'Siti Aminah', '1985-07-15'];
    let checked = 0;
    for await (const event of store.readAll()) {
      const visible = `${event.streamName} ${event.id} ${JSON.stringify(event.metadata)}`;
      for (const value of personal) expect(visible).not.toContain(value);
      checked++;
    }
    expect(checked).toBe(21);
  });
});
