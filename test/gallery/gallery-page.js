// Runs inside the gallery page (a classic browser script, inlined after the adaptivecards UMD bundle).
// Input: window.__galleryInput = { hostConfig, cards: [{ template, state, slug, card, bindError }] }.
// Output: window.__galleryResults (one entry per card) and window.__galleryDone = true.
(function () {
  'use strict';
  var AC = window.AdaptiveCards;
  var input = window.__galleryInput;
  var results = [];

  // Teams supports Adaptive Cards 1.5: parse for 1.5 and treat anything newer as unsupported, so a
  // card that relies on a later feature shows up here as an error. Action.Execute is a 1.4 action and
  // is in the library's default registry; parsing for 1.5 keeps it (rather than its Submit fallback).
  AC.SerializableObject.defaultMaxVersion = AC.Versions.v1_5;

  // Teams renders a small subset of Markdown in TextBlocks; enough of it for Haven's cards.
  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function markdown(text) {
    var html = escapeHtml(text)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, '$1<em>$2</em>')
      .replace(/(^|[^\w])_([^_\n]+)_(?!\w)/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g, '<a href="$2" rel="noopener noreferrer">$1</a>')
      .replace(/\r?\n/g, '<br>');
    return '<p>' + html + '</p>';
  }
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };
  // Nothing in the gallery goes anywhere: a click is only noted on the figure.
  AC.AdaptiveCard.onExecuteAction = function (action) {
    var figure = action.parent && action.parent.renderedElement && action.parent.renderedElement.closest('figure');
    if (figure) figure.setAttribute('data-last-action', action.getJsonTypeName() + ' ' + (action.verb || action.title || ''));
  };

  var hostConfig = new AC.HostConfig(input.hostConfig);

  function eventName(code) {
    return AC.ValidationEvent[code] || String(code);
  }
  function countJsonExecutes(node) {
    // Action.Execute nodes in the card JSON, not counting fallbacks (a fallback is only used when the
    // primary is unsupported).
    var n = 0;
    if (Array.isArray(node))
      node.forEach(function (x) {
        n += countJsonExecutes(x);
      });
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') n++;
      Object.keys(node).forEach(function (k) {
        if (k !== 'fallback') n += countJsonExecutes(node[k]);
      });
    }
    return n;
  }

  var main = document.getElementById('gallery');
  var sections = {};

  input.cards.forEach(function (entry) {
    var r = {
      template: entry.template,
      state: entry.state,
      slug: entry.slug,
      bindError: entry.bindError || null,
      parseErrors: [],
      validationErrors: [],
      renderError: null,
      rendered: false,
      width: 0,
      height: 0,
      executeActionsInJson: 0,
      executeActionsParsed: 0,
      buttons: [],
    };
    results.push(r);

    var section = sections[entry.template];
    if (!section) {
      section = document.createElement('section');
      section.className = 'template';
      section.id = 'template-' + entry.template;
      var h2 = document.createElement('h2');
      h2.textContent = entry.template;
      var file = document.createElement('span');
      file.className = 'file';
      file.textContent = 'cards/' + entry.template + '.json';
      h2.appendChild(file);
      section.appendChild(h2);
      var grid = document.createElement('div');
      grid.className = 'grid';
      section.appendChild(grid);
      main.appendChild(section);
      sections[entry.template] = section;
    }

    var figure = document.createElement('figure');
    figure.id = entry.slug;
    figure.setAttribute('data-slug', entry.slug);
    var caption = document.createElement('figcaption');
    caption.textContent = entry.template + ' \u2014 ' + entry.state;
    figure.appendChild(caption);
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    figure.appendChild(bubble);
    section.querySelector('.grid').appendChild(figure);

    if (entry.card) {
      try {
        r.executeActionsInJson = countJsonExecutes(entry.card);
        var card = new AC.AdaptiveCard();
        card.hostConfig = hostConfig;
        var context = new AC.SerializationContext(AC.Versions.v1_5);
        card.parse(entry.card, context);
        for (var i = 0; i < context.eventCount; i++) {
          var e = context.getEventAt(i);
          r.parseErrors.push(eventName(e.event) + ': ' + e.message);
        }
        card.validateProperties().validationEvents.forEach(function (v) {
          r.validationErrors.push(eventName(v.event) + ': ' + v.message);
        });
        // getAllActions() lists an ActionSet's actions twice (adaptivecards 3.0.6): count each once.
        var actions = new Set();
        // Actions under an Action.ShowCard ("More actions") live in its own card: walk into it too.
        var collect = function (c) {
          c.getAllActions().forEach(function (a) {
            if (actions.has(a)) return;
            actions.add(a);
            if (a instanceof AC.ShowCardAction && a.card) collect(a.card);
          });
        };
        collect(card);
        if (card.refresh && card.refresh.action) actions.add(card.refresh.action);
        r.executeActionsParsed = Array.from(actions).filter(function (a) {
          return a instanceof AC.ExecuteAction;
        }).length;
        var element = card.render();
        if (element) {
          bubble.appendChild(element);
          r.rendered = true;
        }
      } catch (err) {
        r.renderError = String((err && err.stack) || err);
      }
    }

    var problems = [];
    if (r.bindError) problems.push('bind: ' + r.bindError);
    r.parseErrors.forEach(function (p) {
      problems.push('parse: ' + p);
    });
    r.validationErrors.forEach(function (p) {
      problems.push('validation: ' + p);
    });
    if (r.renderError) problems.push('render: ' + r.renderError);
    if (problems.length) {
      figure.classList.add('failed');
      var list = document.createElement('ul');
      list.className = 'problems';
      problems.forEach(function (p) {
        var li = document.createElement('li');
        li.textContent = p;
        list.appendChild(li);
      });
      figure.appendChild(list);
    }
  });

  // Sizes and button titles once everything is laid out.
  results.forEach(function (r) {
    var element = document.querySelector('figure[data-slug="' + r.slug + '"] .bubble > *');
    if (!element) return;
    var rect = element.getBoundingClientRect();
    r.width = Math.round(rect.width);
    r.height = Math.round(rect.height);
    r.buttons = Array.prototype.map.call(element.querySelectorAll('button.ac-pushButton'), function (b) {
      return (b.getAttribute('aria-label') || b.textContent || '').trim();
    });
  });

  var failed = results.filter(function (r) {
    return r.bindError || r.renderError || !r.rendered || r.parseErrors.length || r.validationErrors.length;
  }).length;
  var summary = document.getElementById('summary');
  summary.textContent =
    results.length +
    ' cards from ' +
    Object.keys(sections).length +
    ' templates; ' +
    (failed ? failed + ' with errors' : 'no parse, validation or render errors') +
    '.';
  if (failed) summary.classList.add('failed');

  window.__galleryResults = results;
  window.__galleryDone = true;
})();
