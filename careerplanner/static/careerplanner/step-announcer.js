'use strict';
// The roadmap page (templates/roadmap/detail.html), with htmx only: a swapped-in step is new content, which
// screen readers do not announce; copy its message into the page's live region. Without htmx this never runs.
// A file rather than an inline <script>: the Content-Security-Policy runs scripts from this site's files only.
document.addEventListener('htmx:load', (event) => {
    const message = event.detail.elt.querySelector ? event.detail.elt.querySelector('.step-message') : null;
    const announcer = document.getElementById('step-announcer');
    if (message && announcer) {
        announcer.textContent = message.textContent;
    }
});
