// Opens and closes the reconnect dialog as Blazor reports the circuit's state, and wires its buttons.
// "rejected" means the server no longer knows this circuit (todo-web restarted or was replaced): the template reloaded
// the page at once, which threw away anything typed but not saved and left people wondering what happened. Here the
// dialog says so and offers Reload instead.
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

function handleReconnectStateChanged(event) {
    const state = event.detail.state;
    reconnectModal.dataset.state = state;
    if (state === "hide") {
        reconnectModal.close();
        return;
    }

    if (!reconnectModal.open) {
        reconnectModal.showModal();
    }

    if (state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (state === "rejected") {
        reconnectModal.classList.add("components-reconnect-rejected");
        document.getElementById("components-reload-button").focus();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // true: reconnected; false: the server answered but no longer has this circuit; an exception: not reachable.
        const successful = await Blazor.reconnect();
        if (!successful) {
            const resumed = await Blazor.resumeCircuit();
            if (resumed) {
                reconnectModal.close();
            } else {
                reconnectModal.classList.add("components-reconnect-rejected");
                reconnectModal.dataset.state = "rejected";
            }
        }
    } catch (err) {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            reconnectModal.classList.add("components-reconnect-rejected");
            reconnectModal.dataset.state = "rejected";
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
