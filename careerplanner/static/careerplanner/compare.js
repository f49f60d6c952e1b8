'use strict';
// Compare certifications in the order they were ticked (templates/certifications/compare.html).
// A form sends its ticked boxes in page order, the catalogue's; this sends them in the order the
// person ticked them instead, after those already compared, in the order the table shows them.
// Without JavaScript the catalogue's order stays.
{
    const form = document.getElementById('compare-chooser');
    if (form) {
        const ticked = () => [...form.querySelectorAll('input[name="codes"]:checked')].map((box) => box.value);
        let picked = new URLSearchParams(window.location.search).getAll('codes');

        form.addEventListener('change', (event) => {
            const box = event.target;
            if (box.name === 'codes') {
                picked = picked.filter((code) => code !== box.value);
                if (box.checked) {
                    picked.push(box.value);
                }
            }
        });

        form.addEventListener('formdata', (event) => {
            // The boxes ticked now decide what is compared; `picked` only their order.
            const codes = ticked();
            const ordered = [...picked.filter((code) => codes.includes(code)), ...codes.filter((code) => !picked.includes(code))];
            event.formData.delete('codes');
            ordered.forEach((code) => event.formData.append('codes', code));
        });
    }
}
