// A wait that a wake-up ends early, and that never misses one: a wake-up that comes while
// nobody waits (the loop is busy) makes the next wait return at once. The outbox sender and
// the inbox wait like this between rounds of work.
export class Waker {
  private wakeUp: (() => void) | undefined;
  private woken = false;

  /** Resolves after `ms`, or at the first wake-up (one that came before included). */
  wait(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  wake(): void {
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    if (wake) wake();
    else this.woken = true;
  }
}
