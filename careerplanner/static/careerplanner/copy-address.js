'use strict';
// "Copy" buttons next to a read-only address (templates/roadmap/_share.html):
//   <button data-copy="the input's id" data-status="a live region's id" data-copied="what to say" hidden>
// Shown only where the browser lets a page write to the clipboard (a secure context); elsewhere, and without
// JavaScript, the address stays in its input to select and copy by hand.
// A file rather than an inline <script>: the Content-Security-Policy runs scripts from this site's files only.
document.querySelectorAll('button[data-copy]').forEach((button) => {
    const input = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.status);
    if (!input || !navigator.clipboard || !window.isSecureContext) {
        return;
    }
    button.hidden = false;
    button.addEventListener('click', () => {
        navigator.clipboard.writeText(input.value).then(
            () => {
                if (status) {
                    status.textContent = button.dataset.copied;
                }
            },
            () => input.select(),
        );
    });
});
