package org.opensearch.transport.grpc.spi;

/**
 * Stand-in for the interface of the same name in {@code org.opensearch.plugin:transport-grpc-spi}
 * 3.5.0, which is missing from the reachable Maven Central copy. The k-NN plugin 3.5.0.0 creates its
 * gRPC query converter (which implements this) unconditionally when the node starts, so the class
 * must load (with {@link org.opensearch.protobufs.QueryContainer}); the in-process node has no
 * gRPC transport, so nothing ever calls it.
 */
public interface QueryBuilderProtoConverter {
}
