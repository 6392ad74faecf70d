// The wall's board query follows both kinds of change the stream announces (issue 13 §1, §2):
// a board's edit, a screen's new assignment and a ticker message refetch it; other kinds do not.
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsQueryKey } from '../../shared/live';
import { wallBoardQueries } from './board-query';

afterEach(() => vi.unstubAllGlobals());

describe('wall board query', () => {
  it('fetches the board once, then again on each board, screen or ticker change', async () => {
    const asked: string[] = [];
    let density = 'normal';
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ id: 'support', density }), {
        headers: { 'content-type': 'application/json' },
      });
    });
    const client = new QueryClient();
    const q = wallBoardQueries(client, 'support');
    const board = new QueryObserver(client, q.board);
    const screen = new QueryObserver(client, q.screen);
    const ticker = new QueryObserver(client, q.ticker);
    const stop = [
      board.subscribe(() => undefined),
      screen.subscribe(() => undefined),
      ticker.subscribe(() => undefined),
    ];
    await vi.waitFor(() => expect(board.getCurrentResult().data).toMatchObject({ density }));
    expect(asked).toEqual(['/api/wall/board?board=support']);

    // What live-provider does on `event: settings` {kinds:['screen']}.
    density = 'compact';
    await client.invalidateQueries({ queryKey: settingsQueryKey('screen') });
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    await vi.waitFor(() => expect(board.getCurrentResult().data).toMatchObject({ density }));

    density = 'large';
    await client.invalidateQueries({ queryKey: settingsQueryKey('board') });
    await vi.waitFor(() => expect(board.getCurrentResult().data).toMatchObject({ density }));
    expect(asked).toHaveLength(3);

    // A ticker message: the same reply carries the board's messages, so it is asked again.
    await client.invalidateQueries({ queryKey: settingsQueryKey('ticker') });
    await vi.waitFor(() => expect(asked).toHaveLength(4));
    // Anything else (an acknowledgement) changes no board.
    await client.invalidateQueries({ queryKey: settingsQueryKey('ack') });
    expect(asked).toHaveLength(4);
    for (const s of stop) s();
    client.clear();
  });

  it('asks for the default (or the screen’s own) board when the address names none', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    });
    const client = new QueryClient();
    const observer = new QueryObserver(client, wallBoardQueries(client, null).board);
    const stop = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(asked).toEqual(['/api/wall/board']));
    stop();
    client.clear();
  });
});
