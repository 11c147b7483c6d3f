// Presses "show more" for the reader: when the button comes within a screen of the viewport, .NET is told to read
// the next page. again() observes anew, which reports at once whether the button is still near (a short page).
export function watch(element, dotnet) {
    const observer = new IntersectionObserver(entries => {
        if (entries.some(entry => entry.isIntersecting)) {
            dotnet.invokeMethodAsync('NearViewportAsync');
        }
    }, { rootMargin: '0px 0px 100% 0px' });
    observer.observe(element);
    return {
        again() {
            observer.unobserve(element);
            observer.observe(element);
        },
        stop() {
            observer.disconnect();
        },
    };
}
