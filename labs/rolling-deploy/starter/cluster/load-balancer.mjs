// @ts-check
/**
 * A TCP load balancer in the manner of kube-proxy: each new connection goes to the next
 * endpoint in turn and stays with that pod until one side closes it; there are no
 * retries. Endpoint changes reach it only after a propagation delay, as they reach
 * kube-proxy, ingress controllers and cloud load balancers in a real cluster: a pod that
 * has begun terminating keeps getting new connections until its removal arrives.
 */
import net from 'node:net';
import { log } from './clock.mjs';

const CLIENTS_THAT_MAKE_TRAFFIC = 2;

/**
 * @typedef {object} Endpoint
 * @property {string} name the pod's name
 * @property {number} port
 */

export class LoadBalancer {
  /** @param {{ propagationMs: number, propagationSeconds: number }} options real ms, and the same in cluster seconds for the log */
  constructor({ propagationMs, propagationSeconds }) {
    this.propagationMs = propagationMs;
    this.propagationSeconds = propagationSeconds;
    /** @type {Endpoint[]} */
    this.endpoints = [];
    this.next = 0;
    /** Connections each endpoint refused while it was still in the list, by pod name. */
    this.refused = new Map();
    /** @type {Set<NodeJS.Timeout>} */
    this.pendingChanges = new Set();
    /** @type {Set<net.Socket>} */
    this.sockets = new Set();
    this.clients = 0;
    /** @type {() => void} */
    let trafficStarted = () => {};
    /**
     * Resolves the first time several clients are connected at once: load, rather than
     * a single probe checking that the load balancer is up.
     * @type {Promise<void>}
     */
    this.trafficFlowing = new Promise((resolve) => (trafficStarted = resolve));
    this.server = net.createServer({ allowHalfOpen: true }, (client) => {
      this.clients += 1;
      if (this.clients >= CLIENTS_THAT_MAKE_TRAFFIC) trafficStarted();
      client.on('close', () => (this.clients -= 1));
      this.#route(client);
    });
  }

  /** @param {number} port */
  listen(port) {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, () => resolve(undefined));
    });
  }

  /**
   * Routes to the endpoint at once: for the pods the cluster starts with.
   * @param {Endpoint} endpoint
   */
  addNow(endpoint) {
    this.endpoints.push(endpoint);
    log('endpoints', `${endpoint.name} added to the load balancer`);
  }

  /**
   * Starts routing to the endpoint once the change has propagated.
   * @param {Endpoint} endpoint
   */
  add(endpoint) {
    this.#afterPropagation(() => this.addNow(endpoint));
  }

  /**
   * Stops routing new connections to a terminating pod once the change has propagated;
   * connections it already has stay open.
   * @param {Endpoint} endpoint
   */
  remove(endpoint) {
    this.#afterPropagation(() => {
      this.endpoints = this.endpoints.filter((e) => e !== endpoint);
      const refused = this.refused.get(endpoint.name) ?? 0;
      const failed = refused > 0 ? `; ${refused} connection(s) sent to it after it stopped listening failed` : '';
      log('endpoints', `${endpoint.name} removed from the load balancer, ${this.propagationSeconds} s after termination began${failed}`);
    });
  }

  /** Stops accepting connections and drops pending endpoint changes; open connections go on. */
  stopAccepting() {
    for (const timer of this.pendingChanges) clearTimeout(timer);
    this.pendingChanges.clear();
    this.server.close();
  }

  /** Ends what is left once every pod has stopped. */
  destroyConnections() {
    for (const socket of this.sockets) socket.destroy();
  }

  /** @param {() => void} change */
  #afterPropagation(change) {
    const timer = setTimeout(() => {
      this.pendingChanges.delete(timer);
      change();
    }, this.propagationMs);
    this.pendingChanges.add(timer);
  }

  /** @param {net.Socket} client */
  #route(client) {
    this.#track(client);
    client.on('error', () => {});
    if (this.endpoints.length === 0) {
      client.destroy();
      return;
    }
    const endpoint = /** @type {Endpoint} */ (this.endpoints[this.next++ % this.endpoints.length]);
    const upstream = net.connect({ host: '127.0.0.1', port: endpoint.port, allowHalfOpen: true });
    this.#track(upstream);
    upstream.once('connect', () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', (error) => {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ECONNREFUSED') this.#countRefusal(endpoint);
      // Closing the client's connection before any answer passes the failure on.
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** @param {Endpoint} endpoint */
  #countRefusal(endpoint) {
    const count = (this.refused.get(endpoint.name) ?? 0) + 1;
    this.refused.set(endpoint.name, count);
    if (count === 1) {
      log('load balancer', `${endpoint.name} refused a connection: it no longer listens but is still an endpoint, so the request failed`);
    }
  }

  /** @param {net.Socket} socket */
  #track(socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
