package dev.claymcp.clay;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Clay's API, one method per request this server can send: the documented contract's ({@code clay-tables-api.md})
 * and the observed forms of today's Clay ({@code clay-observed-api.md}); {@link ClayDialect} decides which is sent.
 * Every method answers the raw {@link Response} so that status codes, {@code Retry-After} and non-JSON bodies are
 * handled in one place ({@link HttpClayTables}); the {@code claysession} cookie is added by {@link ClaySessionHeaders}.
 */
@RegisterRestClient(configKey = "clay")
@RegisterClientHeaders(ClaySessionHeaders.class)
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
public interface ClayRestClient {

    @GET
    @Path("/tables/{tableId}/count")
    Response countRows(@PathParam("tableId") String tableId);

    @GET
    @Path("/tables/{tableId}/views/{viewId}/records/ids")
    Response recordIds(@PathParam("tableId") String tableId, @PathParam("viewId") String viewId);

    /** Documented. */
    @GET
    @Path("/tables/{tableId}/sources")
    Response sources(@PathParam("tableId") String tableId);

    /** Observed: the sources subscribed to a table, as a JSON array. */
    @GET
    @Path("/sources")
    Response sourcesOfTable(@QueryParam("tableId") String tableId);

    @POST
    @Path("/tables/{tableId}/records")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addRecords(@PathParam("tableId") String tableId, Map<String, Object> body);

    /** Documented. The body is {@link EnrichmentRun#formBody()}: already form-encoded. */
    @PATCH
    @Path("/tables/{tableId}/run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response runEnrichment(@PathParam("tableId") String tableId, String formBody);

    /** Observed: the same run document as JSON. */
    @PATCH
    @Path("/tables/{tableId}/run")
    @Consumes(MediaType.APPLICATION_JSON)
    Response runEnrichmentJson(@PathParam("tableId") String tableId, Map<String, Object> document);

    @PATCH
    @Path("/tables/{tableId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateTable(@PathParam("tableId") String tableId, Map<String, Object> body);

    /** Documented. {@code recordId} must already be percent-encoded as one path segment. */
    @DELETE
    @Path("/tables/{tableId}/records/{recordId}")
    Response deleteRecord(@PathParam("tableId") String tableId, @Encoded @PathParam("recordId") String recordId);

    /**
     * Observed: deletes the records whose ids the body lists ({@code {"recordIds":[…]}}). To a server of the
     * documented contract this route without a body empties the table: see {@link ClayDialect} for when it is sent.
     */
    @DELETE
    @Path("/tables/{tableId}/records")
    @Consumes(MediaType.APPLICATION_JSON)
    Response deleteRecords(@PathParam("tableId") String tableId, Map<String, Object> body);

    /** Documented. */
    @DELETE
    @Path("/tables/{tableId}/sources/{sourceId}")
    Response deleteSource(@PathParam("tableId") String tableId, @PathParam("sourceId") String sourceId);

    /** Observed: the body is {@code {"deleteRecords":false}}, so the rows the source brought stay. */
    @DELETE
    @Path("/sources/{sourceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response deleteSourceById(@PathParam("sourceId") String sourceId, Map<String, Object> body);

    /** Documented: empties the table. */
    @DELETE
    @Path("/tables/{tableId}/records")
    Response deleteAllRecords(@PathParam("tableId") String tableId);

    /** Observed: the table's schema (fields, views). */
    @GET
    @Path("/tables/{tableId}")
    Response table(@PathParam("tableId") String tableId);

    /** Observed: the records with these ids, with the full value of the listed enrichment fields. */
    @POST
    @Path("/tables/{tableId}/bulk-fetch-records")
    @Consumes(MediaType.APPLICATION_JSON)
    Response bulkFetchRecords(@PathParam("tableId") String tableId, Map<String, Object> body);

    /** Observed: a workspace's tables. */
    @GET
    @Path("/workspaces/{workspaceId}/tables")
    Response tables(@PathParam("workspaceId") String workspaceId);

    /** Observed: counts of enrichment cells by status, per field. */
    @GET
    @Path("/workspaces/{workspaceId}/tables/{tableId}/fields/runstatus")
    Response runStatus(@PathParam("workspaceId") String workspaceId, @PathParam("tableId") String tableId);
}
