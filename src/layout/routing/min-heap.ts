/** Binary min-heap of integer items by float priority; ties pop in a fixed (deterministic) order. */
export class MinHeap {
  private items = new Int32Array(64);
  private priorities = new Float64Array(64);
  size = 0;

  push(item: number, priority: number): void {
    if (this.size === this.items.length) {
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
      const priorities = new Float64Array(this.size * 2);
      priorities.set(this.priorities);
      this.priorities = priorities;
    }
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if ((this.priorities[parent] ?? 0) <= priority) break;
      this.items[k] = this.items[parent] ?? 0;
      this.priorities[k] = this.priorities[parent] ?? 0;
      k = parent;
    }
    this.items[k] = item;
    this.priorities[k] = priority;
  }

  minPriority(): number {
    return this.priorities[0] ?? Number.POSITIVE_INFINITY;
  }

  pop(): number {
    const top = this.items[0] ?? 0;
    const last = --this.size;
    const item = this.items[last] ?? 0;
    const priority = this.priorities[last] ?? 0;
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (this.priorities[right] ?? 0) < (this.priorities[child] ?? 0)) child = right;
      if ((this.priorities[child] ?? 0) >= priority) break;
      this.items[k] = this.items[child] ?? 0;
      this.priorities[k] = this.priorities[child] ?? 0;
      k = child;
    }
    this.items[k] = item;
    this.priorities[k] = priority;
    return top;
  }
}
