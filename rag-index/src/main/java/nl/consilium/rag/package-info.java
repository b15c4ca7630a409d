/**
 * Public API of the knowledge base: curated documents (draft, approved, retired), ingestion of
 * HTML, Markdown, plain text and PDF, embeddings, hybrid retrieval with citations, and retrieval
 * evaluation on BEIR-format sets. Everything in sub-packages is internal to this module.
 */
package nl.consilium.rag;
