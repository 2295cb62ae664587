import { describe, it, expect } from 'vitest';
import { profileFromUrl } from '../../../src-main/sources/feed/profile-detect';
import { unwrapGoogleRedirect } from '../../../src-main/sources/feed/profiles';
import { readFeed } from '../../../src-main/sources/feed/read-feed';
import { readFixtureFeed } from './helpers';

const mentions = async (file: string) => (await readFixtureFeed('sources', file)).items.map((i) => i.mention);

describe('feed profiles: recognised from content', () => {
  it.each([
    ['appstore-reviews.xml', 'appstore', 'appstore'],
    ['reddit-search.atom', 'reddit', 'reddit'],
    ['mastodon-tag.rss', 'mastodon', 'mastodon'],
    ['hn-search.rss', 'hackernews', 'hackernews'],
    ['google-alerts.xml', 'google-alerts', 'google-alerts'],
  ])('%s is the %s profile, channel %s', async (file, profile, channel) => {
    const out = await readFixtureFeed('sources', file);
    expect(out.profile).toBe(profile);
    expect(out.items.length).toBeGreaterThan(0);
    expect(out.items.every((i) => i.mention.channel === channel)).toBe(true);
  });

  it('a feed like no known site is generic, channel feed', async () => {
    const out = await readFixtureFeed('real-world', 'heise.atom');
    expect(out.profile).toBe('generic');
    expect(out.items[0]!.mention.channel).toBe('feed');
  });
});

describe('feed profiles: recognised from the URL, or forced', () => {
  it.each([
    ['https://itunes.apple.com/us/rss/customerreviews/id=1234567890/sortBy=mostRecent/xml', 'appstore'],
    ['https://www.reddit.com/search.rss?q=%22acme+air%22&sort=new', 'reddit'],
    ['https://old.reddit.com/r/travel/.rss', 'reddit'],
    ['https://mastodon.social/tags/acmeair.rss', 'mastodon'],
    ['https://fosstodon.org/@kai.rss', 'mastodon'],
    ['https://hnrss.org/newest?q=%22acme+air%22', 'hackernews'],
    ['https://www.google.com/alerts/feeds/06848319442395285155/3218912349823523000', 'google-alerts'],
    ['https://blog.example.com/feed.xml', undefined],
  ])('%s -> %s', (url, profile) => {
    expect(profileFromUrl(url)).toBe(profile);
  });

  it('a profile in the config wins over the URL and the content', async () => {
    const out = await readFixtureFeed('sources', 'hn-search.rss', { profile: 'generic', url: 'https://hnrss.org/newest' });
    expect(out.profile).toBe('generic');
    expect(out.items[0]!.mention.channel).toBe('feed');
    expect(out.items[0]!.mention.author.key).toBe('feed:src:jdoe');
  });
});

describe('App Store reviews', () => {
  it('the reviewer is the author, with rating, app version and helpful votes', async () => {
    const [first, second, third] = await mentions('appstore-reviews.xml');
    expect(first).toMatchObject({
      id: 'feed:src:11930000001',
      channel: 'appstore',
      title: 'Crashes when I open my boarding pass',
      rating: 1,
      createdAt: '2026-11-20T13:59:01.000Z',
      lang: 'en',
      author: { key: 'appstore:frustrated_flyer_88', handle: 'frustrated_flyer_88', name: 'frustrated_flyer_88', followers: null },
      meta: { appVersion: '8.14.0' },
      reachInputs: { followers: null, helpfulVotes: 3 },
    });
    expect(second).toMatchObject({ rating: 4, author: { key: 'appstore:Jun K.' }, reachInputs: { helpfulVotes: 0 } });
    expect(third).toMatchObject({ rating: 2, meta: { appVersion: '8.13.2' }, reachInputs: { helpfulVotes: 12 } });
  });

  it('text comes from the text content, html from the html content', async () => {
    const [first] = await mentions('appstore-reviews.xml');
    expect(first!.text).toBe('Every time I tap the boarding pass the app closes. Had to print it at a kiosk and nearly missed my flight. iPhone 15, iOS 26.1.');
    expect(first!.html).toContain('<a href="https://apps.apple.com/us/app/acme-air/id1234567890?uo=2" rel="noopener noreferrer nofollow">Crashes when I open my boarding pass</a>');
    expect(first!.html).not.toMatch(/<table|<font|<td/);
  });

  it('the entry for the app itself (no rating) in older review feeds is not a mention', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:im="http://itunes.apple.com/rss">
      <entry><id>app</id><title>Acme Air</title><im:name>Acme Air</im:name></entry>
      <entry><id>r1</id><title>Good</title><content type="text">Fine app</content><im:rating>5</im:rating><author><name>ann</name></author></entry></feed>`;
    const out = await readFeed({ body: Buffer.from(xml), url: 'http://127.0.0.1/x', sourceId: 's', fetchedAt: new Date() });
    expect(out.items.map((i) => i.key)).toEqual(['r1']);
    expect(out.items[0]!.mention.rating).toBe(5);
  });
});

describe('Reddit', () => {
  it('/u/name is the handle, the subreddit comes from the category, the id is t3_', async () => {
    const [first, second] = await mentions('reddit-search.atom');
    expect(first).toMatchObject({
      id: 'feed:src:t3_1gw2xyz',
      channel: 'reddit',
      title: 'Acme Air damaged my wheelchair',
      url: 'https://www.reddit.com/r/travel/comments/1gw2xyz/acme_air_damaged_my_wheelchair/',
      author: { key: 'reddit:throwaway_flyer', handle: 'throwaway_flyer', url: 'https://www.reddit.com/user/throwaway_flyer', followers: null },
      meta: { subreddit: 'travel' },
    });
    expect(second!.meta).toEqual({ subreddit: 'awardtravel' });
  });

  it("Reddit's 'submitted by ... [link] [comments]' footer is not part of the text", async () => {
    const [first] = await mentions('reddit-search.atom');
    expect(first!.text).toBe(
      'Flew Acme Air LIS-BOS yesterday. They damaged my wheelchair and the claim form link in their email 404s. Has anyone gotten a response from their accessibility desk?',
    );
    expect(first!.html).not.toMatch(/submitted by|\[comments\]|class=/);
  });

  it('in the older RSS feeds the author comes from "submitted by"', async () => {
    const out = await readFixtureFeed('real-world', 'reddit.rss');
    expect(out.profile).toBe('reddit');
    expect(out.items[0]!.mention.author).toMatchObject({ key: 'reddit:cakebeerandmorebeer', handle: 'cakebeerandmorebeer' });
    expect(out.items[0]!.mention.meta).toEqual({ subreddit: 'funny' });
  });
});

describe('Mastodon', () => {
  it('the author and instance come from the post link', async () => {
    const [first, second] = await mentions('mastodon-tag.rss');
    expect(first).toMatchObject({
      id: 'feed:src:https://mastodon.social/@jo_flies/113512345678901234',
      channel: 'mastodon',
      url: 'https://mastodon.social/@jo_flies/113512345678901234',
      author: { key: 'mastodon:jo_flies@mastodon.social', handle: 'jo_flies', url: 'https://mastodon.social/@jo_flies', followers: null },
      meta: { instance: 'mastodon.social' },
      text: 'The new #acmeair app update moved the check-in button under three menus. Who approved this?',
    });
    expect(second).toMatchObject({ author: { key: 'mastodon:kai@fosstodon.org' }, meta: { instance: 'fosstodon.org' } });
    expect(second!.text).toContain('row 14 ❤️');
    expect(first!.html).not.toContain('class=');
  });
});

describe('Hacker News', () => {
  it('dc:creator is the author, the CDATA title is the text, comments is the discussion', async () => {
    const [first] = await mentions('hn-search.rss');
    expect(first).toMatchObject({
      id: 'feed:src:https://news.ycombinator.com/item?id=42181234',
      channel: 'hackernews',
      title: "Acme Air's booking API returns other passengers' PNRs",
      text: "Acme Air's booking API returns other passengers' PNRs",
      url: 'https://blog.example.net/acme-pnr-leak',
      createdAt: '2026-11-20T13:20:00.000Z',
      author: { key: 'hackernews:jdoe', handle: 'jdoe', url: 'https://news.ycombinator.com/user?id=jdoe', followers: null },
      meta: { discussionUrl: 'https://news.ycombinator.com/item?id=42181234', points: '12', comments: '4' },
    });
  });
});

describe('Google Alerts', () => {
  it('the real article URL replaces the google.com redirect and the title loses its markup', async () => {
    const [first, second] = await mentions('google-alerts.xml');
    expect(first).toMatchObject({
      channel: 'google-alerts',
      url: 'https://news.example.com/2026/11/20/acme-air-cancels-40-flights',
      title: 'Acme Air cancels 40 flights amid crew shortage',
      text: 'Regional carrier Acme Air cancelled 40 departures on Thursday, citing a shortage of cabin crew after a week of storms ...',
      author: { key: 'google-alerts:news.example.com', handle: 'news.example.com', followers: null },
    });
    expect(first!.html).toContain('<b>Acme Air</b>');
    expect(second).toMatchObject({ url: 'https://blog.example.org/why-i-keep-flying-acme', title: 'Why I keep flying Acme Air despite everything' });
  });

  it('only http(s) targets are unwrapped; anything else keeps the original link', () => {
    expect(unwrapGoogleRedirect('https://www.google.com/url?rct=j&url=https://a.example/x%3Fy%3D1&ct=ga')).toBe('https://a.example/x?y=1');
    expect(unwrapGoogleRedirect('https://www.google.com/url?url=javascript:alert(1)')).toBe('https://www.google.com/url?url=javascript:alert(1)');
    expect(unwrapGoogleRedirect('https://news.example.com/a')).toBe('https://news.example.com/a');
  });
});

describe('generic feeds', () => {
  it('the author key is feed:<source>:<creator>, or unknown; followers are null', async () => {
    const out = await readFixtureFeed('real-world', 'content-encoded.rss', { sourceId: 'blog' });
    const keys = new Set(out.items.map((i) => i.mention.author.key));
    expect([...keys].every((k) => k.startsWith('feed:blog:'))).toBe(true);
    const none = await readFixtureFeed('real-world', 'heise.atom', { sourceId: 'heise' });
    expect(none.items[0]!.mention.author).toMatchObject({ key: 'feed:heise:unknown', handle: 'unknown', followers: null });
    expect(none.items[0]!.mention.reachInputs).toEqual({ followers: null });
  });

  it("the feed's language becomes lang", async () => {
    const out = await readFixtureFeed('real-world', 'encoding.rss');
    expect(out.items[0]!.mention.lang).toBe('pt-PT');
  });
});
