package org.opensearch.transport.grpc.spi;

/** Stand-in, see {@link QueryBuilderProtoConverter}: named in a method signature of the k-NN plugin's converter. */
public interface QueryBuilderProtoConverterRegistry {
}
