import assert from 'node:assert/strict';
import { commandFor } from '../../../src/teams/bot.ts';

describe('typed commands', () => {
  const cases: [string, string, string?][] = [
    ['process review', 'review'],
    ['Annual review', 'review'],
    ['show me the pre-deployment review', 'review'],
    ['annual process review please', 'review'],
    // A person in distress must never be read as asking for the review.
    ['I\'m not okay, annual review', 'declaration'],
    ['process review: I want to leave', 'declaration', 'leave'],
    ['review my break', 'declaration', 'break'],
    ['status', 'status'],
    ['hello', 'welcome'],
    ['suitability', 'suitability'],
    // "questionnaire" is the candidate's pre-deployment questionnaire when they have a journey, else
    // the officer's suitability questionnaire: the chat handler decides (see bot.ts).
    ['my questionnaire', 'journey'],
    ['check in', 'checkIn'],
    ['unit overview', 'unitOverview'],
    ['my team', 'team'],
    ['I feel ready', 'ready'],
    ['stage', 'stage'],
    ['I will be away next week', 'absence'],
    ['I don\'t want to continue', 'journey'],
    ['new journey', 'journey'],
    ['suitability questionnaire: I want to leave', 'declaration', 'leave'],
  ];
  for (const [text, kind, preselect] of cases) {
    it(`"${text}" → ${kind}${preselect ? ` (${preselect})` : ''}`, () => {
      const c = commandFor(text);
      assert.equal(c.kind, kind);
      if (preselect) assert.equal((c as { preselect?: string }).preselect, preselect);
    });
  }
});
