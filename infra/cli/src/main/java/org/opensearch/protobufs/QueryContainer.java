package org.opensearch.protobufs;

/**
 * Stand-in for the class of the same name in OpenSearch's protobuf bindings (missing from the
 * reachable Maven Central copy, like transport-grpc-spi): the node's injector lists the public
 * methods of the k-NN plugin's gRPC converter, whose signatures name this class and its enum. No
 * method is ever called: the in-process node has no gRPC transport.
 */
public final class QueryContainer {

    private QueryContainer() {
    }

    public enum QueryContainerCase {
        KNN
    }
}
