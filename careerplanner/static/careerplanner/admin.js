'use strict';
// Accessible names for the admin's JavaScript widgets, which build their own inputs and leave
// some without one (found by axe; checked in tests/e2e/test_accessibility.py):
// - select2, the autocomplete box Django puts in place of a select, names its box after the value
//   chosen (nothing when empty) and gives its search boxes no name at all;
// - the two-list "filter horizontal" widget puts aria-label on a plain span, where it is not allowed;
// - a date and time field gives its two inputs a caption but no label.
// Each name comes from the field's own label, or from the aria-label the server gave an input
// without one (certifications/forms_admin.py). The widgets build and rebuild their parts after
// the page loads, so this runs again whenever the page changes.
{
    function fieldName(control) {
        const label = control.getAttribute('aria-label') || (control.labels[0] && control.labels[0].textContent) || '';
        return label.trim().replace(/:$/, '');
    }

    function setAttribute(element, name, value) {
        if (element && element.getAttribute(name) !== value) {
            element.setAttribute(name, value);
        }
    }

    function nameSelect2(select) {
        const container = select.nextElementSibling;
        const name = fieldName(select);
        if (!container || !container.classList.contains('select2') || !name) {
            return;
        }
        const box = container.querySelector('.select2-selection');
        const rendered = container.querySelector('.select2-selection__rendered');
        // The "remove" cross is for the mouse (the Backspace key does the same); it is not part of the value.
        container.querySelectorAll('.select2-selection__clear').forEach((clear) => setAttribute(clear, 'aria-hidden', 'true'));
        if (box.classList.contains('select2-selection--single')) {
            // "Fee source: AAPC fees page": the field, then the value select2 shows. The value is plain
            // text inside the box, not a read-only text box of its own.
            box.id = box.id || `${select.id}-select2`;
            setAttribute(box, 'aria-label', name);
            setAttribute(box, 'aria-labelledby', `${box.id} ${rendered.id}`);
            rendered.removeAttribute('role');
            rendered.removeAttribute('aria-readonly');
        } else {
            setAttribute(box, 'aria-label', name);
            container.querySelectorAll('.select2-search__field').forEach((search) => setAttribute(search, 'aria-label', name));
        }
    }

    function nameOpenSelect2Search() {
        // The search box of an open single choice lives in a dropdown at the end of the page.
        document.querySelectorAll('.select2-dropdown').forEach((dropdown) => {
            const results = dropdown.querySelector('.select2-results__options');
            const search = dropdown.querySelector('.select2-search__field');
            const match = results && /^select2-(.+)-results$/.exec(results.id);
            const select = match && document.getElementById(match[1]);
            if (search && select) {
                setAttribute(search, 'aria-label', fieldName(select));
            }
        });
    }

    function nameFilterHelp() {
        // An image role makes the tooltip's text, already read as part of the filter box's label, allowed.
        document.querySelectorAll('.selector .help-tooltip[aria-label]').forEach((icon) => setAttribute(icon, 'role', 'img'));
    }

    function nameDateTimeParts() {
        document.querySelectorAll('.form-row p.datetime input, .form-row p.datetime select').forEach((input) => {
            if (input.labels.length || input.type === 'hidden') {
                return;
            }
            const row = input.closest('.form-row');
            const label = row.querySelector('label');
            const caption = input.previousSibling && input.previousSibling.nodeType === Node.TEXT_NODE ? input.previousSibling.textContent : '';
            const name = [label ? label.textContent : '', caption].map((text) => text.trim().replace(/:$/, '')).filter(Boolean);
            setAttribute(input, 'aria-label', name.join(', '));
        });
    }

    function nameAll() {
        document.querySelectorAll('select.admin-autocomplete').forEach(nameSelect2);
        nameOpenSelect2Search();
        nameFilterHelp();
        nameDateTimeParts();
    }

    document.addEventListener('DOMContentLoaded', () => {
        nameAll();
        new MutationObserver(nameAll).observe(document.body, {childList: true, subtree: true});
    });
}
