// The card gallery in Chromium: every template in every state (test/fixtures/cards.ts) renders through
// the adaptivecards library with the Teams-like host config, with no parse or validation errors.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { CARD_FIXTURES, templateNames } from '../fixtures/cards.ts';
import { buildCardGallery, formatReport, type GalleryReport } from '../gallery/cards-gallery.ts';

describe('Card gallery (adaptivecards in Chromium, Teams-like host config)', function () {
  this.timeout(120_000);
  let report: GalleryReport;

  before(async () => {
    report = await buildCardGallery();
  });

  it('writes one HTML page, one PNG per card and a full-page screenshot', () => {
    assert.ok(statSync(report.html).size > 0, report.html);
    assert.ok(statSync(report.fullPagePng).size > 0, report.fullPagePng);
    assert.equal(report.cards.length, CARD_FIXTURES.length);
    for (const c of report.cards) assert.ok(existsSync(c.png) && statSync(c.png).size > 0, `no PNG for ${c.template} — ${c.state}`);
  });

  it('every template file in cards/ appears at least once', () => {
    const rendered = new Set(report.cards.filter((c) => c.rendered).map((c) => c.template));
    assert.deepEqual(
      templateNames().filter((t) => !rendered.has(t)),
      [],
      'templates with no rendered fixture',
    );
    assert.deepEqual(report.missingTemplates, []);
  });

  it('the page loads nothing from the network and throws nothing', () => {
    assert.deepEqual(report.pageErrors, []);
  });

  for (const fixture of CARD_FIXTURES) {
    it(`${fixture.template} — ${fixture.state}: no parse or validation errors, rendered with a size`, () => {
      const c = report.cards.find((r) => r.template === fixture.template && r.state === fixture.state);
      assert.ok(c, 'not in the gallery');
      assert.equal(c.bindError, null);
      assert.deepEqual(c.parseErrors, []);
      assert.deepEqual(c.validationErrors, []);
      assert.equal(c.renderError, null);
      assert.ok(c.rendered, 'render() returned no element');
      assert.ok(c.width > 0 && c.height > 0, `rendered element is ${c.width}×${c.height}`);
      assert.equal(c.executeActionsParsed, c.executeActionsInJson, 'an Action.Execute was replaced by its fallback');
      assert.deepEqual(c.errors, []);
    });
  }

  it('the gallery as a whole is clean', () => {
    assert.ok(report.ok, formatReport(report));
  });
});
