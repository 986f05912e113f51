/** Business dates in Japan (Asia/Tokyo) versus recorded instants in UTC. */
package dev.hoshi.kernel.time;
