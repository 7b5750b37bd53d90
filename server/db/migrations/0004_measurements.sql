CREATE TABLE "client_measurements" (
	"practice_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"stamps" jsonb NOT NULL,
	"origin_device" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_measurements_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
ALTER TABLE "client_measurements" ADD CONSTRAINT "client_measurements_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_measurements_practice_seq_idx" ON "client_measurements" USING btree ("practice_id","seq");
