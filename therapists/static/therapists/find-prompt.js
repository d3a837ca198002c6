// Optional: hide the "Find the Right Therapist" box without a page load. The form posts
// and redirects back when this script does not run.
document.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-find-prompt-dismiss]");
    if (!form) return;
    event.preventDefault();
    fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
    }).then((response) => {
        if (!response.ok) { form.submit(); return; }
        const prompt = form.closest("[data-find-prompt]");
        const status = document.createElement("p");
        status.setAttribute("role", "status");
        status.className = "visually-hidden";
        status.textContent = "The therapist finder box is hidden.";
        prompt.replaceWith(status);
    }).catch(() => form.submit());
});
